def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def first = lib.at('before').json('target/azbuild/build.json')
assert first.modules*.image == ['libs-base', 'api', 'web', 'worker']
assert first.modules*.action == ['built', 'built', 'built', 'built']
first.modules.each { assert it.digest ==~ /sha256:[0-9a-f]{64}/ }

def after = lib.at('after')
def commit = after.git('rev-parse', 'HEAD')
def second = after.json('target/azbuild/build.json')
assert second.modules*.action == ['retagged', 'retagged', 'retagged', 'retagged']
second.modules.each { m ->
  assert m.bytesPushed == 0 && m.bytesPulled == 0
  assert m.tags.contains(commit)
  assert m.digest == first.modules.find { it.image == m.image }.digest
  assert lib.tagExists('127.0.0.1:5000', "${prefix}/${m.image}", commit)
}
// the registry's own log: after the marker, no blob moved and the docker daemon never called
def lines = lib.registryLogAfter(prefix, '/it-marker/manifests/second-build')
assert !lines.isEmpty()
def layers = lines.findAll { it =~ /\/blobs\// && !it.contains('/azbuild-build/') } // the build record's blob is no layer
assert layers.isEmpty() : layers
assert lines.findAll { it.contains('"docker/') }.isEmpty()
def log = new File(after.basedir, 'build.log').exists() ? new File(after.basedir, 'build.log').text : lib.log()
assert log.contains('services/web: unchanged, re-tagged cache-')
assert log =~ /re-tagging 4 unchanged modules in 127\.0\.0\.1:5000\/${prefix} \(\d+ requests at a time\)/
assert log =~ /re-tagged 4 unchanged modules in \d+\.\d s/
// per unchanged module, with the first build's record: no probe; one GET of the branch tag, which
// names the recorded digest (so its PUT is skipped), and one PUT of the commit tag; nothing else
def images = ['libs-base', 'api', 'web', 'worker']
def secondBuild = lines.subList(0, lines.findIndexOf { it.contains('/it-marker/manifests/third-build') })
def moduleRequests = secondBuild.findAll { l -> l.contains('"azbuild"') && images.any { l.contains("/${prefix}/${it}/") } }
def stageRequests = moduleRequests.findAll { it =~ /\/manifests\/builder-/ }
def imageRequests = moduleRequests - stageRequests
assert imageRequests.findAll { it.contains('"HEAD ') }.isEmpty() : imageRequests
assert imageRequests.findAll { it.contains('"GET ') && it.contains('/manifests/main ') }.size() == 4 : imageRequests
assert imageRequests.findAll { it.contains('"PUT ') && it.contains("/manifests/${commit} ") }.size() == 4 : imageRequests
assert imageRequests.size() == 8 : imageRequests
assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/branch", 'main').commit == commit

// -pl services/web: only web gets the third commit's tag, and build.json lists only web
def subset = lib.at('subset')
def third = subset.git('rev-parse', 'HEAD')
// with -pl, build.json is still the reactor root's (where graph and ci-collect read it), and lists only web
assert subset.json('target/azbuild/build.json').modules*.image == ['web']
assert !new File(subset.basedir, 'services/web/target/azbuild/build.json').exists()
assert lib.tagExists('127.0.0.1:5000', "${prefix}/web", third)
['libs-base', 'api', 'worker'].each { assert !lib.tagExists('127.0.0.1:5000', "${prefix}/${it}", third) }
// a -pl subset is not a complete build: the record stays the second build's
assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/branch", 'main').commit == commit
assert lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/commit", third) == null
return true
