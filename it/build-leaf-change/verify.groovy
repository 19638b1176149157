def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def first = lib.at('before').json('target/azbuild/build.json')
def second = lib.at('after').json('target/azbuild/build.json')
def action = second.modules.collectEntries { [it.image, it.action] }
assert action == ['libs-base': 'retagged', 'api': 'retagged', 'web': 'built', 'worker': 'retagged']
['libs-base', 'api', 'worker'].each { image ->
  assert second.modules.find { it.image == image }.digest == first.modules.find { it.image == image }.digest
}
def web = second.modules.find { it.image == 'web' }
assert web.digest != first.modules.find { it.image == 'web' }.digest
// the reason names the change, read from the label of the branch's image the first build pushed
assert web.reasons == ['services/web/static/index.html changed']
return true
