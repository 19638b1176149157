def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def proxy = new File(basedir, 'proxy.txt').text.trim()
try {
  def first = lib.at('first')
  def c1 = first.git('rev-parse', 'HEAD')
  def log = lib.log() // both builds, one after the other
  assert log =~ /\[WARNING\] ${java.util.regex.Pattern.quote(proxy)}\/${prefix} refuses OCI artifacts \(400 Bad Request from ${java.util.regex.Pattern.quote(proxy)}\/${prefix} for manifest ${prefix}\/azbuild-build\/commit:${c1} \(MANIFEST_INVALID: manifest invalid\); the registry refused the request\); azbuild's records are stored there as plain image manifests from now on/
  assert first.json('target/azbuild/build.json').modules*.action == ['built', 'built']
  // refused once per build: the commit record; the branch record went straight to the image encoding
  def refused = new File(basedir, 'proxy.log').readLines().findAll { it.endsWith('-> 400 refused') }
  assert refused == ["PUT /v2/${prefix}/azbuild-build/commit/manifests/${c1} HTTP/1.1 -> 400 refused".toString(),
                     "PUT /v2/${prefix}/azbuild-build/commit/manifests/${lib.at('second').git('rev-parse', 'HEAD')} HTTP/1.1 -> 400 refused".toString()] : refused
  def manifest = lib.manifest('127.0.0.1:5000', "${prefix}/azbuild-build/commit", c1)
  assert manifest.config.mediaType == 'application/vnd.oci.image.config.v1+json'
  assert manifest.layers*.mediaType == ['application/vnd.oci.image.layer.v1.tar']

  // the second build read the record (a plain image manifest) and probed nothing
  def second = lib.at('second')
  assert log.contains("the build record of main (${c1.take(12)}): 2 of 2 modules have the recorded inputs; 0 probed in the cache registry")
  assert second.json('target/azbuild/build.json').modules*.action == ['retagged', 'retagged']
  def record = lib.record('127.0.0.1:5000', "${prefix}/azbuild-build/branch", 'main')
  assert record.commit == second.git('rev-parse', 'HEAD')
} finally {
  def pid = new File(basedir, 'refusing-proxy.pid')
  ProcessHandle.of(pid.text.trim() as long).ifPresent { it.destroyForcibly() }
}
return true
