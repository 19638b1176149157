def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def plan = lib.json('target/azbuild/plan.json')
assert plan.mode == 'diff'
assert plan.base == lib.git('rev-parse', 'main')
def byImage = plan.modules.collectEntries { [it.image, it] }
assert byImage['api'].rebuild
assert byImage['api'].reasons == ['libs/proto/src/ping.proto matched ^libs/proto/']
assert !byImage['libs-base'].rebuild
assert !byImage['web'].rebuild
assert byImage['worker'].rebuild
assert byImage['worker'].reasons == ['services/worker/bin/new tool.sh matched ^services/worker/']
plan.modules.each { assert it.inputHash == null }
def log = lib.log()
assert log.contains('services/api: rebuild (libs/proto/src/ping.proto matched ^libs/proto/')
assert log.contains('services/web: unchanged (no file changed since ')
return true
