def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def firstCommit = new File(basedir, 'first-commit.txt').text.trim()
def second = lib.at('second')
def commit = second.git('rev-parse', 'HEAD')
def deployHost = '127.0.0.1:5001'

def deployed = lib.record(deployHost, "${prefix}/app", 'azbuild-deployed')
def first = lib.at('first').json('target/azbuild/deploy.json')
assert first.complete && first.modules[1].terraformApplied

// refused in one line naming the module, the gone directory, where the state is and the fix
def lines = lib.log().readLines()
def error = lines.find { it.startsWith('[ERROR] Failed to execute goal') }
def stateDir = new File(basedir, 'tfstate/app').absolutePath
assert error.contains("app: its last deploy (${firstCommit}) applied /") : error
assert error.contains("/second/app/terraform, which is gone now, so the resources it made still exist;" +
    " restore terraform/, or destroy them (state in ${stateDir}) and set -Dazbuild.deploy.allowTerraformRemoval=true to deploy without it;" +
    " nothing was deployed") : error
def refused = second.json('target/azbuild/deploy.json')
assert !refused.complete && refused.modules.isEmpty()
// nothing changed: no module of this commit copied, the old marker and tags in place, the lock released
['base', 'app'].each { assert !lib.tagExists(deployHost, "${prefix}/${it}", commit) }
assert lib.record(deployHost, "${prefix}/app", 'azbuild-deployed') == deployed
assert lib.record(deployHost, "${prefix}/azbuild-lock", 'lock').state == 'released'
assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit').commit == firstCommit

// allowed: deployed without terraform, said in a warning and in the marker
assert second.mvn(new File(localRepositoryPath.toString()), 'allowed.log', 'deploy',
    '-Dazbuild.deploy.allowTerraformRemoval=true') == 0 : new File(second.basedir, 'allowed.log').text
def allowedLog = new File(second.basedir, 'allowed.log').text
assert allowedLog.contains("[WARNING] app: deploying without terraform although its last deploy (${firstCommit}) applied ")
def allowed = second.json('target/azbuild/deploy.json')
assert allowed.complete
def app = allowed.modules.find { it.image == 'app' }
assert app.action == 'deployed' && !app.terraformApplied
def marker = lib.record(deployHost, "${prefix}/app", 'azbuild-deployed')
assert marker.commit == commit && marker.terraformApplied == false && marker.terraformHash == 'none'
assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit').commit == commit
return true
