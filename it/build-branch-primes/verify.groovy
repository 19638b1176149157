def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def second = lib.at('after').json('target/azbuild/build.json')
def api = second.modules.find { it.image == 'api' }
assert api.action == 'built'
assert api.tags.contains('feature-routes')
def log = lib.log()
assert log.contains("services/api: layer cache primed from 127.0.0.1:5000/${prefix}/api:main")
assert log.contains("services/api: stage builder built")
assert lib.tagExists('127.0.0.1:5000', "${prefix}/api", 'builder-feature-routes')
return true
