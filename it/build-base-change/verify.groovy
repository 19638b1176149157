def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def second = lib.at('after').json('target/azbuild/build.json')
assert second.modules*.action == ['built', 'built', 'built', 'built']
assert second.modules.find { it.image == 'api' }.reasons.contains('upstream dev.azbuild.example:libs-base rebuilds')
def base = second.modules.find { it.image == 'libs-base' }
def baseTag = base.tags.find { it.startsWith('cache-') }
// dependents were built FROM this build's base image, not an older one, named by its digest (no daemon-wide tag)
def baseDigest = lib.digestOf('127.0.0.1:5000', "${prefix}/libs-base", baseTag)
assert baseDigest == base.digest
assert lib.log().contains("services/api: parent libs-base is 127.0.0.1:5000/${prefix}/libs-base@${baseDigest} (tag ${baseTag.take(18)})")
def commit = lib.at('after').git('rev-parse', 'HEAD')
['api', 'web', 'worker'].each { image ->
  def label = ['docker', 'image', 'inspect', '-f', '{{index .Config.Labels "dev.azbuild.parents"}}',
               "127.0.0.1:5000/${prefix}/${image}:${commit}"].execute().text.trim()
  assert label == "libs-base=${baseDigest}"
}
// a dependent's old image shares no layer after FROM with the new one: it is not pulled to prime the cache
assert lib.log().contains('services/api: layer cache not primed: its base image libs-base was rebuilt')
assert lib.log().contains('services/api: stage builder cache not primed: its base image libs-base was rebuilt')
assert !lib.log().contains("services/api: layer cache primed from 127.0.0.1:5000/${prefix}/api:")
return true
