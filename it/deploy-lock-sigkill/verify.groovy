import java.time.Duration
import java.time.Instant
import java.util.regex.Pattern

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def commit = lib.at('repo').git('rev-parse', 'HEAD')
def localRepo = new File(localRepositoryPath.toString())
def victim = lib.at('victim')
def other = lib.at('other')
def where = "127.0.0.1:5001/${prefix}/azbuild-lock:lock"

def deploy = victim.startMvn(localRepo, 'deploy.log', 'deploy')
def left
try {
  def applying = new File(basedir, 'applying')
  for (int i = 0; i < 1200 && !applying.exists(); i++) {
    assert deploy.alive : "the deploy ended before applying base: ${new File(victim.basedir, 'deploy.log').text}"
    sleep(100)
  }
  assert applying.exists() : 'the deploy did not reach the terraform apply of base within 120 s'

  // the lock was taken more than its stale time ago, but its heartbeat keeps it live: refused
  def taken = Instant.parse(lib.record('127.0.0.1:5001', "${prefix}/azbuild-lock", 'lock').time)
  while (Duration.between(taken, Instant.now()).toSeconds() < 7) {
    sleep(200)
  }
  assert other.mvn(localRepo, 'refused.log', 'deploy') != 0
  def refused = new File(other.basedir, 'refused.log').readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
  assert refused =~ /deploy locked by \S+ \(host \S+ pid ${deploy.pid()}, commit ${commit}, since ${Pattern.quote(taken.toString())}, last heartbeat [^)]+\) in ${Pattern.quote(where)}; wait for it to finish, or it goes stale 5 s after its last heartbeat/
  def live = lib.record('127.0.0.1:5001', "${prefix}/azbuild-lock", 'lock')
  assert live.state == 'held' && Instant.parse(live.heartbeat).isAfter(taken.plusSeconds(5))

  // SIGKILL: no shutdown hook runs; the machine goes with its terraform
  def children = deploy.descendants().toList()
  deploy.destroyForcibly()
  deploy.waitFor()
  children.each { it.destroyForcibly() }
  left = lib.record('127.0.0.1:5001', "${prefix}/azbuild-lock", 'lock')
  assert left.state == 'held' && left.pid == deploy.pid() : 'nobody released the lock of the killed deploy'
  assert !lib.tagExists('127.0.0.1:5001', "${prefix}/base", 'azbuild-deployed')
} finally {
  deploy.destroyForcibly()
  new File(basedir, 'release').text = ''
}

// another host takes it over once it has had no heartbeat for 5 s, and says whose it was
def lastBeat = Instant.parse(left.heartbeat)
while (Duration.between(lastBeat, Instant.now()).toMillis() < 5500) {
  sleep(200)
}
assert other.mvn(localRepo, 'deploy.log', 'deploy') == 0 : new File(other.basedir, 'deploy.log').text
def log = new File(other.basedir, 'deploy.log').text
def takeover = log.readLines().find { it.contains(' taken over: ') }
assert takeover == "[WARNING] deploy lock of ${left.run} (host ${left.host} pid ${deploy.pid()}, commit ${commit}, since ${left.time}, last heartbeat ${left.heartbeat}) taken over: " +
    "no heartbeat for ${(takeover =~ /no heartbeat for ([0-9.]+ s)/)[0][1]} (stale after 5 s)" : takeover
assert ((takeover =~ /no heartbeat for ([0-9.]+) s/)[0][1] as double) >= 5
def report = other.json('target/azbuild/deploy.json')
assert report.complete && report.modules*.action == ['deployed', 'deployed']
def lock = lib.record('127.0.0.1:5001', "${prefix}/azbuild-lock", 'lock')
assert lock.state == 'released' && lock.host == 'other-host' && lock.run == 'other-run'
['base', 'app'].each { image ->
  assert lib.record('127.0.0.1:5001', "${prefix}/${image}", 'azbuild-deployed').commit == commit
}
return true
