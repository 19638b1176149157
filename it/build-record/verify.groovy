def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def images = ['libs-base', 'api', 'web', 'worker']

// the first build wrote the record of its commit and of main: every image, its input hash and the
// digest build.json reports
def first = lib.at('first')
def c1 = first.git('rev-parse', 'HEAD')
def built = first.json('target/azbuild/build.json').modules
// (main's record was moved by the second build since; the commit's stays)
def record = lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/commit", c1)
assert record.format == 'azbuild-build-record' && record.version == 1
assert record.commit == c1 && record.branch == 'main'
assert record.images.keySet() == images as Set
built.each { m ->
  assert record.images[m.image].digest == m.digest
  assert m.tags.contains("cache-${record.images[m.image].hash}".toString())
}
def log = lib.log() // both builds, one after the other
assert log =~ /wrote the build record of main \(4 images, \d+ bytes\) to 127\.0\.0\.1:5000\/${prefix}\/azbuild-build\/commit:${c1.take(12)} and azbuild-build\/branch:main/

// the second build: web changed, the rest is vouched for by the record
def second = lib.at('second')
def c2 = second.git('rev-parse', 'HEAD')
assert log.contains("the build record of main (${c1.take(12)}): 3 of 4 modules have the recorded inputs; 1 probed in the cache registry")
def report = second.json('target/azbuild/build.json').modules
assert report.collect { [it.image, it.action] } == [['libs-base', 'retagged'], ['api', 'retagged'], ['web', 'built'], ['worker', 'retagged']]
report.findAll { it.action == 'retagged' }.each { assert it.digest == record.images[it.image].digest }

// what the registry saw after the marker (its access log names the status of every request)
def lines = lib.registryLogAfter(prefix, '/it-marker/manifests/second-build')
lines = lines.subList(0, lines.findIndexOf { it.contains('/it-marker/manifests/no-record') }) // the second build's
def ofImage = { image -> lines.findAll { it.contains("/v2/${prefix}/${image}/") && !(it =~ /\/manifests\/builder-/) } }
// the record: one manifest GET, no blob
def recordReads = lines.findAll { it.contains("/v2/${prefix}/azbuild-build/branch/") && it.contains('"GET ') }
assert recordReads.size() == 1 : recordReads // the plan reads it once (main is the default branch too); writing reads nothing
assert lines.findAll { it.contains("/v2/${prefix}/azbuild-build/") && it.contains('/blobs/sha256') && it.contains('"GET ') }.isEmpty()
// this count guards the point of the record: the plan probes (GETs a cache- tag of) only web,
// the one module whose inputs differ from the record's; before the record it probed all four
def probes = images.collectMany { ofImage(it) }.findAll { it =~ /"GET \S+\/manifests\/cache-[0-9a-f]{64} HTTP\/1\.1" 404 / }
assert probes.size() == 1 && probes[0].contains("/${prefix}/web/") : probes
// each unchanged module: one GET of main (names the recorded digest, so main is not put again),
// one PUT of the commit tag, nothing else
['libs-base', 'api', 'worker'].each { image ->
  def requests = ofImage(image).findAll { it.contains('"azbuild"') }
  assert requests.size() == 2 : requests
  assert requests.any { it.contains("\"GET /v2/${prefix}/${image}/manifests/main HTTP/1.1\" 200") } : requests
  assert requests.any { it.contains("\"PUT /v2/${prefix}/${image}/manifests/${c2} HTTP/1.1\" 201") } : requests
  assert lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", c2) == record.images[image].digest
}

// the record moved to the second build
def moved = lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/branch", 'main')
assert moved.commit == c2
assert moved.images.web.digest == report.find { it.image == 'web' }.digest && moved.images.web.digest != record.images.web.digest
assert moved.images.web.hash != record.images.web.hash
['libs-base', 'api', 'worker'].each {
  assert moved.images[it].hash == record.images[it].hash && moved.images[it].digest == record.images[it].digest
}
// the re-tagged api's stage image is recorded now (the first build built it: none then), so the next
// build reads builder-main instead of its cache tag and skips that PUT
assert record.images.api.stages == null
assert moved.images.api.stages == [builder: lib.digestOf('127.0.0.1:5000', "${prefix}/api", "builder-${c2}")]
assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/commit", c1) == record

// -Dazbuild.buildRecord=false: the plan reads no record and probes every module (all cached: unchanged)
def third = lib.registryLogAfter(prefix, 'no-record').findAll { it.contains('"azbuild"') } // not this script's
assert third.findAll { it.contains('/azbuild-build/') }.isEmpty() : third
images.each { image ->
  assert third.count { it =~ /"(GET|HEAD) \/v2\/${prefix}\/${image}\/manifests\/cache-[0-9a-f]{64} / } == 1 : third
}
assert lib.at('third').json('target/azbuild/plan.json').modules.every { !it.rebuild }
return true
