def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def first = lib.at('first').json('target/azbuild/deploy.json')
assert first.modules*.action == ['deployed', 'deployed']
assert first.modules.every { it.restarted }
assert first.modules.every { it.reasons.contains("restarted ECS service ${prefix}/${it.image}".toString()) }
def second = lib.at('second').json('target/azbuild/deploy.json')
assert second.modules*.action == ['skipped', 'skipped']
assert second.modules.every { !it.restarted }
return true
