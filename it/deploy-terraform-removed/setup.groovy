// A module whose last deploy applied terraform but whose terraform/ is gone is refused (one line, nothing changed) unless removal is allowed.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
repo.writeTerraform('app')
def first = repo.commit('terraform for app')
new File(basedir, 'first-commit.txt').text = first
def prefix = lib.uniquePrefix('deploy-tf-removed')
new File(basedir, 'prefix.txt').text = prefix
def args = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
            "-Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString()]
repo.cloneTo('first').useRegistry("127.0.0.1:5000/${prefix}", *args)
repo.git('rm', '-r', '-q', 'app/terraform')
repo.commit('app without terraform')
repo.cloneTo('second').useRegistry("127.0.0.1:5000/${prefix}", *args)
return true
