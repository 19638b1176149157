def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def localRepo = new File(localRepositoryPath.toString())
def first = lib.at('first')
def c1 = first.git('rev-parse', 'HEAD')
def record = lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/branch", 'main')
assert record.commit == c1 && record.images.keySet() == ['base', 'app'] as Set

// garbage collection: base's image goes, with every tag that named it
lib.deleteImage('127.0.0.1:5000', "${prefix}/base", 'main')
assert !lib.digestExists('127.0.0.1:5000', "${prefix}/base", record.images.base.digest)

def second = lib.at('second')
def c2 = second.git('rev-parse', 'HEAD')
assert second.mvn(localRepo, 'build.log', 'build') == 0 : new File(second.basedir, 'build.log').text
def log = new File(second.basedir, 'build.log').text
// the plan trusted the record (no probe); the build found the image gone where it reads it
assert log.contains("the build record of main (${c1.take(12)}): 2 of 2 modules have the recorded inputs; 0 probed")
def gone = "its image ${record.images.base.digest.take(19)} in the build record of main (${c1.take(12)}) is gone from the cache registry, and so is cache-${record.images.base.hash.take(12)}"
assert log.contains("[WARNING] base: rebuild after all (${gone})") : log
assert log.contains('[WARNING] app: rebuild after all (upstream dev.azbuild.it:base rebuilds)')
assert log.contains("base: building (${gone})")
assert log.contains('app: building (upstream dev.azbuild.it:base rebuilds)')
def report = second.json('target/azbuild/build.json').modules
assert report*.action == ['built', 'built']
assert report[0].reasons == [gone]

// the new record names the rebuilt images, which exist
def after = lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/branch", 'main')
assert after.commit == c2
['base', 'app'].each { image ->
  assert after.images[image].hash == record.images[image].hash // same inputs
  assert after.images[image].digest == report.find { it.image == image }.digest
  assert lib.digestExists('127.0.0.1:5000', "${prefix}/${image}", after.images[image].digest)
  assert lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", c2) == after.images[image].digest
}
return true
