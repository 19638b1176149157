import groovy.json.JsonSlurper

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def (parallel, serial) = new File(basedir, 'prefixes.txt').readLines()
def commit = lib.at('parallel').git('rev-parse', 'HEAD')
assert lib.at('serial').git('rev-parse', 'HEAD') == commit

/** Every tag of a repository and the digest it names. */
def state = { String prefix, String image ->
  def tags = new JsonSlurper().parse(new URL("http://127.0.0.1:5000/v2/${prefix}/${image}/tags/list")).tags
  tags.collectEntries { [(it): lib.digestOf('127.0.0.1:5000', "${prefix}/${image}", it)] }
}

def images = ['libs-base', 'api', 'web', 'worker']
images.each { image ->
  def t2 = state(parallel, image)
  def t1 = state(serial, image)
  assert t2.containsKey(commit) : "${image}: ${t2}"
  assert t2 == t1 : "${image}: -T2 ${t2} but -T1 ${t1}"
}
// the multi-stage module: the image and its named stage, each under its commit tag
assert state(parallel, 'api').containsKey("builder-${commit}".toString())
def reports = ['parallel', 'serial'].collect { lib.at(it).json('target/azbuild/build.json') }
assert reports.every { r -> r.modules*.action.every { it == 'built' } }
assert reports[0].modules.collectEntries { [(it.image): it.digest] } == reports[1].modules.collectEntries { [(it.image): it.digest] }
return true
