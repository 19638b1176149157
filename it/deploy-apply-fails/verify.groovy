def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def firstCommit = new File(basedir, 'first-commit.txt').text.trim()
def second = lib.at('second')
def secondCommit = second.git('rev-parse', 'HEAD')
def cacheHost = '127.0.0.1:5000'
def deployHost = '127.0.0.1:5001'

def live = lib.digestOf(cacheHost, "${prefix}/app", firstCommit)
def next = lib.digestOf(cacheHost, "${prefix}/app", secondCommit)
assert live && next && live != next : 'the second commit must give app a new image'
assert lib.at('first').json('target/azbuild/deploy.json').complete

// the failed deploy: one line naming app and terraform's message
def error = lib.log().readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains('app: terraform apply failed') && error.contains('app-apply-refused') && error.contains('rerun to resume')
def failed = second.json('target/azbuild/deploy.json')
assert !failed.complete && failed.modules*.action == ['skipped', 'failed']

// terraform needed the new image in the deploy registry: there by its commit tag only
assert lib.digestOf(deployHost, "${prefix}/app", secondCommit) == next
// nothing that says "deployed" moved
assert lib.digestOf(cacheHost, "${prefix}/app", 'master') == live
assert lib.digestOf(deployHost, "${prefix}/app", 'master') == live
assert lib.digestOf(deployHost, "${prefix}/app", 'deployed') == live
def marker = lib.record(deployHost, "${prefix}/app", 'azbuild-deployed')
assert marker.digest == live && marker.commit == firstCommit && marker.terraformApplied == true
assert lib.record(cacheHost, "${prefix}/azbuild-deployed", 'commit').commit == firstCommit

// fixed: the rerun deploys app and moves every tag
second.write('allow-apply', '')
assert second.mvn(new File(localRepositoryPath.toString()), 'rerun.log', 'deploy') == 0 : new File(second.basedir, 'rerun.log').text
def rerun = second.json('target/azbuild/deploy.json')
assert rerun.complete && rerun.modules*.action == ['skipped', 'deployed']
assert lib.digestOf(cacheHost, "${prefix}/app", 'master') == next
assert lib.digestOf(deployHost, "${prefix}/app", 'master') == next
assert lib.digestOf(deployHost, "${prefix}/app", 'deployed') == next
assert lib.record(deployHost, "${prefix}/app", 'azbuild-deployed').digest == next
assert lib.record(cacheHost, "${prefix}/azbuild-deployed", 'commit').commit == secondCommit
return true
