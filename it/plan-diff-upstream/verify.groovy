def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def plan = lib.json('target/azbuild/plan.json')
def byImage = plan.modules.collectEntries { [it.image, it] }
assert byImage['libs-base'].reasons == ['libs/base/files/VERSION matched ^libs/base/']
assert byImage['api'].reasons == ['upstream dev.azbuild.example:libs-base rebuilds']
assert byImage['worker'].reasons == ['upstream dev.azbuild.example:libs-base rebuilds']
assert byImage['web'].reasons[0] == 'services/web/static/home.html matched ^services/web/'
assert byImage['web'].reasons[1] == 'upstream dev.azbuild.example:libs-base rebuilds'
// own-pattern decisions equal the bash scripts' pipeline: git diff --name-only --no-renames | grep -E
new File(basedir, 'default-web.txt').text = '^services/web/\n'
assert lib.bashScriptsSayRebuild('main', 'HEAD', 'services/api/.rebuild_patterns') == false
assert lib.bashScriptsSayRebuild('main', 'HEAD', 'default-web.txt') == true
return true
