// setenv on CircleCI writes AZBUILD_* to env.sh, env.properties and $BASH_ENV, and changed prints false for a path the branch did not touch.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initExample()
lib.git('checkout', '-q', '-b', 'feature/login')
lib.write('services/api/src/routes.txt', 'GET /ping\nGET /users\nPOST /login\n')
lib.commit('api: login route')
// detached HEAD, as CircleCI checks out: the branch must come from CIRCLE_BRANCH
lib.git('checkout', '-q', '--detach')
new File(basedir, 'target').mkdirs()
return true
