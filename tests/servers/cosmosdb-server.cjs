// Starts @vercel/cosmosdb-server for the .NET tests: HTTPS with the package's self-signed certificate,
// on 127.0.0.1 and the port given as the only argument. Prints one line once it listens.
// (.cjs: CommonJS whatever "type" package.json declares.)
const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error("usage: node cosmosdb-server.cjs PORT");
  process.exit(2);
}
const createServer = require("@vercel/cosmosdb-server").default;
const server = createServer().listen(port, "127.0.0.1", () => {
  console.log(`cosmosdb-server listening on https://127.0.0.1:${port}`);
});
server.on("error", (error) => {
  console.error(error);
  process.exit(1);
});
