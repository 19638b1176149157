import java.util.concurrent.TimeUnit

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def localRepo = new File(localRepositoryPath.toString())
def a = lib.at('a')
def b = lib.at('b')
def commits = [a.git('rev-parse', 'HEAD'), b.git('rev-parse', 'HEAD')]
assert commits[0] != commits[1]

def builds = [a.startMvn(localRepo, 'build.log', 'build'), b.startMvn(localRepo, 'build.log', 'build')]
builds.eachWithIndex { p, i ->
  assert p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0 : new File([a, b][i].basedir, 'build.log').text
}

// each build wrote the record of its own commit: app rebuilt, base re-tagged
def byCommit = commits.collect { lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/commit", it) }
byCommit.eachWithIndex { r, i ->
  assert r.commit == commits[i]
  def report = [a, b][i].json('target/azbuild/build.json').modules
  assert report*.action == ['retagged', 'built']
  report.each { assert r.images[it.image].digest == it.digest }
}
assert byCommit[0].images.app.hash != byCommit[1].images.app.hash

// the branch record is one of the two, whole: not a mix of both
def branch = lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/branch", 'main')
assert branch.commit in commits
assert branch == byCommit[commits.indexOf(branch.commit)]
// and it names only images that exist, as that commit's tags name them
branch.images.each { image, recorded ->
  assert lib.digestExists('127.0.0.1:5000', "${prefix}/${image}", recorded.digest)
  assert lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", branch.commit) == recorded.digest
  assert lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", "cache-${recorded.hash}") == recorded.digest
}
return true
