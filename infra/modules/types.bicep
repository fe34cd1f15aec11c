metadata description = 'Types shared by the JourneyTriggers modules.'

@export()
@description('Resource tags: string values only.')
type tagsType = {
  *: string
}
