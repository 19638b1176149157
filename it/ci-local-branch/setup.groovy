// A one-module change on a branch: only that module's build job builds, the other build jobs re-tag, and no deploy job runs.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initExample()
def prefix = lib.uniquePrefix('ci-local-branch')
new File(basedir, 'prefix.txt').text = prefix
def args = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
            "-Dazbuild.ciLocal.mavenArgs=-Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString()]
// main, built once directly: the images the branch's jobs find in the registry
repo.cloneTo('main-build').useRegistry("127.0.0.1:5000/${prefix}", *args)
repo.git('checkout', '-q', '-b', 'feature')
repo.write('services/web/static/index.html', '<html><body>feature</body></html>\n')
new File(basedir, 'feature-commit.txt').text = repo.commit('web: a new page')
repo.useRegistry("127.0.0.1:5000/${prefix}", *args)
return true
