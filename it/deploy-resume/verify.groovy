def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def first = lib.at('first')
def commit = first.git('rev-parse', 'HEAD')
def error = lib.log().readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains('app: terraform apply failed') && error.contains('app-apply-refused')
assert error.contains('rerun to resume')

def failed = first.json('target/azbuild/deploy.json')
assert !failed.complete
assert failed.modules*.action == ['deployed', 'failed']
assert failed.modules[0].terraformApplied
assert failed.modules[1].reasons.last().contains('app-apply-refused')

def rerun = lib.at('rerun').json('target/azbuild/deploy.json')
assert rerun.complete
assert rerun.modules*.action == ['skipped', 'deployed']
assert !rerun.modules[0].terraformApplied && rerun.modules[1].terraformApplied
assert rerun.modules[0].reasons == ["digest ${failed.modules[0].digest} and terraform unchanged since ${commit}".toString()]
['base', 'app'].each { assert lib.tagExists('127.0.0.1:5001', "${prefix}/${it}", 'azbuild-deployed') }
assert lib.tagExists('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit')
return true
