def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
int port = new File(basedir, 'port.txt').text.trim() as int
def commit = lib.git('rev-parse', 'HEAD')
def host = "127.0.0.1:${port}"

// first run: killed during app's copy, retried, one-line error naming the registry and the module
assert new File(basedir, 'killed.txt').exists() : 'the relay never saw an upload of app'
def lines = lib.log().readLines()
assert lines.any { it.contains(host) && it.contains('retrying (attempt 3 of 3)') }
def error = lines.find { it.startsWith('[ERROR] Failed to execute goal') }
// names the module and the registry that failed; which request hit the dead registry first (a blob
// check, a mount, or the upload, whose message names both registries of the copy) depends on timing
assert error.contains(": app: ") : error
assert error.contains("${host}/${prefix}") && error.contains(": cannot complete ") : error
assert error =~ /ConnectException\) after 3 attempts in \d+\.\d s; check that the registry is running/ : error
assert error.contains('; modules before it are deployed and recorded, rerun to resume')
def first = lib.json('target/azbuild/deploy.json')
assert !first.complete
assert first.modules*.action == ['deployed', 'failed']
assert first.modules*.terraformApplied == [true, false]

// the registry comes back on the same port and storage: base recorded, app not
def registry = lib.privateRegistry(new File(basedir, 'registry'), port).start()
try {
  assert lib.tagExists(host, "${prefix}/base", 'azbuild-deployed')
  assert !lib.tagExists(host, "${prefix}/app", 'azbuild-deployed')

  // the rerun takes over the lock the killed run could not release (its process is gone)
  assert lib.mvn(new File(localRepositoryPath.toString()), 'rerun.log', 'deploy') == 0 : new File(basedir, 'rerun.log').text
  def rerunLog = new File(basedir, 'rerun.log').text
  assert rerunLog.contains('deploy lock of ') && rerunLog.contains('taken over: its process on this host is gone')
  def rerun = lib.json('target/azbuild/deploy.json')
  assert rerun.complete
  assert rerun.modules*.action == ['skipped', 'deployed']
  assert rerun.modules*.terraformApplied == [false, true]

  // exactly once: one apply per module over both runs, one marker write per module
  def applied = new File(basedir, 'applies.txt').readLines()
  assert applied.size() == 2
  ['base', 'app'].each { image ->
    def digest = lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", commit)
    assert lib.digestOf(host, "${prefix}/${image}", commit) == digest
    assert lib.digestOf(host, "${prefix}/${image}", 'master') == digest
    assert applied.count { it == "${image} ${host}/${prefix}/${image}@${digest}".toString() } == 1
    assert registry.requests().count { it.contains("\"PUT /v2/${prefix}/${image}/manifests/azbuild-deployed ") } == 1
  }
  assert lib.tagExists('127.0.0.1:5000', "${prefix}/azbuild-deployed", 'commit')
} finally {
  registry.kill()
}
return true
