import java.util.concurrent.TimeUnit

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def commit = lib.at('repo').git('rev-parse', 'HEAD')
def localRepo = new File(localRepositoryPath.toString())
def a = lib.at('a')
def b = lib.at('b')
def c = lib.at('c')

def deployA = a.startMvn(localRepo, 'deploy.log', 'deploy')
try {
  def applying = new File(basedir, 'applying')
  for (int i = 0; i < 1200 && !applying.exists(); i++) {
    assert deployA.alive : "deploy A ended before applying base: ${new File(a.basedir, 'deploy.log').text}"
    sleep(100)
  }
  assert applying.exists() : 'deploy A did not reach the terraform apply of base within 120 s'

  // B and a dry run, side by side while A holds the lock
  def deployB = b.startMvn(localRepo, 'deploy.log', 'deploy')
  def dryRun = c.startMvn(localRepo, 'dry.log', 'deploy', '-Dazbuild.dryRun')

  // B: refused at once, one line naming A's run, host, pid, commit and start time
  assert deployB.waitFor() != 0
  def error = new File(b.basedir, 'deploy.log').readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
  assert error =~ /deploy locked by \S+ \(host \S+ pid ${deployA.pid()}, commit ${commit}, since \d{4}-\d\d-\d\dT[^)]+\) in 127\.0\.0\.1:5001\/${prefix}\/azbuild-lock:lock; wait for it to finish/

  // a dry run reports the holder without taking the lock
  assert dryRun.waitFor() == 0
  def dry = new File(c.basedir, 'dry.log').text
  assert dry.contains('dry run: a deploy now would fail: deploy locked by ') && dry.contains("pid ${deployA.pid()}, commit ${commit}")
  assert lib.record('127.0.0.1:5001', "${prefix}/azbuild-lock", 'lock').pid == deployA.pid()
} finally {
  new File(basedir, 'release').text = ''
}
assert deployA.waitFor(180, TimeUnit.SECONDS) && deployA.exitValue() == 0 : new File(a.basedir, 'deploy.log').text
def report = a.json('target/azbuild/deploy.json')
assert report.complete && report.modules*.action == ['deployed', 'deployed']

// the markers and the lock are A's alone, intact
def lock = lib.record('127.0.0.1:5001', "${prefix}/azbuild-lock", 'lock')
assert lock.state == 'released' && lock.pid == deployA.pid() && lock.commit == commit
['base', 'app'].eachWithIndex { image, i ->
  def marker = lib.record('127.0.0.1:5001', "${prefix}/${image}", 'azbuild-deployed')
  assert marker.commit == commit
  assert marker.digest == report.modules[i].digest
  assert marker.digest == lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", commit)
}
return true
