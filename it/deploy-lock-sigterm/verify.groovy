import java.util.concurrent.TimeUnit

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def commit = lib.at('repo').git('rev-parse', 'HEAD')
def localRepo = new File(localRepositoryPath.toString())
def victim = lib.at('victim')
def other = lib.at('other')
def where = "127.0.0.1:5001/${prefix}/azbuild-lock:lock"

def deploy = victim.startMvn(localRepo, 'deploy.log', 'deploy')
try {
  def applying = new File(basedir, 'applying')
  for (int i = 0; i < 1200 && !applying.exists(); i++) {
    assert deploy.alive : "the deploy ended before applying base: ${new File(victim.basedir, 'deploy.log').text}"
    sleep(100)
  }
  assert applying.exists() : 'the deploy did not reach the terraform apply of base within 120 s'
  def held = lib.record('127.0.0.1:5001', "${prefix}/azbuild-lock", 'lock')
  assert held.state == 'held' && held.pid == deploy.pid()
  long shell = new File(basedir, 'shell.pid').text.trim() as long

  deploy.destroy() // SIGTERM to the Maven JVM, as a CI cancel sends it
  assert deploy.waitFor(30, TimeUnit.SECONDS) : 'the deploy did not stop within 30 s of SIGTERM'

  def log = new File(victim.basedir, 'deploy.log').text
  assert log.contains("[WARNING] azbuild is stopping (SIGTERM or SIGINT): stopping the deploy and releasing the deploy lock ${where}") : log
  assert log.contains("[WARNING] deploy lock ${where} released") : log
  def lock = lib.record('127.0.0.1:5001', "${prefix}/azbuild-lock", 'lock')
  assert lock.state == 'released' && lock.pid == deploy.pid() && lock.run == held.run
  assert !ProcessHandle.of(shell).map { it.alive }.orElse(false) : "terraform's local-exec (pid ${shell}) still runs"
  // base's apply never finished: nothing says it is deployed
  assert !lib.tagExists('127.0.0.1:5001', "${prefix}/base", 'azbuild-deployed')
  assert !lib.tagExists('127.0.0.1:5001', "${prefix}/base", 'deployed')
  assert !lib.tagExists('127.0.0.1:5000', "${prefix}/base", 'master')
} finally {
  deploy.destroyForcibly()
  new File(basedir, 'release').text = ''
}

// another host, at once (the lock would go stale only 2 minutes after the last heartbeat): not locked out
assert other.mvn(localRepo, 'deploy.log', 'deploy') == 0 : new File(other.basedir, 'deploy.log').text
def otherLog = new File(other.basedir, 'deploy.log').text
assert !otherLog.contains('deploy locked by') && !otherLog.contains('taken over') : otherLog
def report = other.json('target/azbuild/deploy.json')
assert report.complete && report.modules*.action == ['deployed', 'deployed']
def lock = lib.record('127.0.0.1:5001', "${prefix}/azbuild-lock", 'lock')
assert lock.state == 'released' && lock.host == 'other-host' && lock.run == 'other-run'
['base', 'app'].eachWithIndex { image, i ->
  def digest = lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", commit)
  assert report.modules[i].digest == digest
  assert lib.record('127.0.0.1:5001', "${prefix}/${image}", 'azbuild-deployed').digest == digest
  assert lib.digestOf('127.0.0.1:5001', "${prefix}/${image}", 'deployed') == digest
  assert lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", 'master') == digest
}
return true
