def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def plan = lib.json('target/azbuild/plan.json')
assert plan.mode == 'content'
assert plan.base == null
assert plan.head == lib.git('rev-parse', 'HEAD')
assert plan.modules*.id == ['dev.azbuild.example:libs-base', 'dev.azbuild.example:api',
                            'dev.azbuild.example:web', 'dev.azbuild.example:worker']
assert plan.modules*.dir == ['libs/base', 'services/api', 'services/web', 'services/worker']
plan.modules.each { m ->
  assert m.inputHash ==~ /[0-9a-f]{64}/
  assert m.rebuild
  assert m.reasons[0] == "no image cache-${m.inputHash.substring(0, 12)} checked yet"
}
def api = plan.modules.find { it.image == 'api' }
assert api.upstream == ['dev.azbuild.example:libs-base']
// the table and the per-module lines
def log = lib.log()
assert log.contains('MODULE')
assert log.contains('services/api: rebuild (no image cache-')
// every module's input tree in one file, each line prefixed with the module's image name
def inputs = new File(basedir, 'target/azbuild/inputs.txt').readLines()
assert inputs.findAll { it.startsWith('api ') }.any { it.startsWith('api context ') }
assert inputs.collect { it.split(' ')[0] }.unique() == plan.modules*.image
assert !new File(basedir, 'target/azbuild/inputs').exists()
return true
