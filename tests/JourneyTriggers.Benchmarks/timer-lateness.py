# Arms N timers (one cart add per customer, 100 per request, 4 threads) due over a window, then measures lateness.
import json, sys, time, threading, urllib.request, sqlite3, subprocess
port, data, n, lead, window = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
key = json.load(open(f"{data}/keys.json"))["ingestionKeys"][0]
t0 = time.time()
def iso(t): return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%03dZ" % int((t % 1) * 1000)
bodies = []
for b in range(0, n, 100):
    bodies.append(json.dumps([{"id": f"tl-{i}", "type": "cart.item_added", "customerId": f"tl-c{i}",
        "timestamp": iso(t0 + lead + window * i / n), "source": "web",
        "properties": {"sku": "LAP-14", "name": "Laptop 14", "price": 32900, "quantity": 1, "currency": "THB"}}
        for i in range(b, min(b + 100, n))]).encode())
lock = threading.Lock(); nxt = [0]; errors = [0]
def work():
    while True:
        with lock:
            i = nxt[0]; nxt[0] += 1
        if i >= len(bodies): return
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/events", data=bodies[i], method="POST",
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            if r.status != 202: errors[0] += 1
ts = [threading.Thread(target=work) for _ in range(4)]
[t.start() for t in ts]; [t.join() for t in ts]
t1 = time.time()
# An acknowledged event waits in the inbox until the pump decides it and arms its timer: snapshot only once it is empty,
# or the timers armed after the snapshot are left out of the lateness figures.
inbox = sqlite3.connect(f"file:{data}/inbox.db?mode=ro", uri=True)
while inbox.execute("select count(*) from inbox").fetchone()[0] > 0:
    if time.time() > t1 + 600: sys.exit("the inbox did not empty within 600 s")
    time.sleep(0.2)
print(f"inbox decided {time.time() - t1:.1f} s after the last acknowledgement")
db = sqlite3.connect(f"file:{data}/journeytriggers.db?mode=ro", uri=True)
armed = db.execute("select count(*), min(due_at_ticks), max(due_at_ticks) from timers").fetchone()

print(f"ingested {n} cart adds in {t1 - t0:.1f} s ({n / (t1 - t0):.0f}/s), errors {errors[0]}; timers armed {armed[0]}, "
      f"first due in {(armed[1] / 1e7) - time.time():.1f} s, last due in {(armed[2] / 1e7) - time.time():.1f} s")
due = dict(db.execute("select key, due_at_ticks from timers"))
deadline = armed[2] / 1e7 + 600
while time.time() < deadline:
    left = db.execute("select count(*) from timers").fetchone()[0]
    if left == 0: break
    time.sleep(2)
print(f"timers left {left}; loadavg {open('/proc/loadavg').read().split()[:3]}")
fired = {}
for k, at in db.execute("select customer_key, min(at_ticks) from effects where type = 'message.suppressed' group by customer_key"):
    fired[k] = at
types = db.execute("select type, count(*) from effects group by type").fetchall()
lat = sorted((fired[k] - d) / 1e4 for k, d in due.items() if k in fired)
def p(q): return lat[min(len(lat) - 1, max(0, int(-(-q * len(lat) // 1)) - 1))]
print(f"effect types {types}")
print(f"lateness ms over {len(lat)} timers: p50 {p(0.5):.0f} p90 {p(0.9):.0f} p99 {p(0.99):.0f} max {lat[-1]:.0f} min {lat[0]:.0f}")
span = (max(fired.values()) - min(fired.values())) / 1e7
print(f"fired over {span:.1f} s = {len(fired) / span:.0f} timers/s")
