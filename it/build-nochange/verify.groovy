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
assert lines.findAll { it =~ /\/blobs\// }.isEmpty() : lines.findAll { it =~ /\/blobs\// }
assert lines.findAll { it.contains('"docker/') }.isEmpty()
def log = new File(after.basedir, 'build.log').exists() ? new File(after.basedir, 'build.log').text : lib.log()
assert log.contains('services/web: unchanged, re-tagged cache-')
return true
