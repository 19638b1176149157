// A first ci-local run on the default branch: every build job passes, the deploy jobs start only after every build, and the registry ends up as after one azbuild:build of the commit.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initExample()
def prefix = lib.uniquePrefix('ci-local-first')
new File(basedir, 'prefix.txt').text = prefix
// the direct build: the same commit, its own prefix, run first (invoker.project.1)
repo.cloneTo('direct').useRegistry("127.0.0.1:5000/${prefix}-direct", '-Dazbuild.reproducible=true')
// the CI run: registries as a CI project would set them; every Maven of the jobs gets reproducible
// images and a terraform state dir inside this test
repo.useRegistry("127.0.0.1:5000/${prefix}", "-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
    "-Dazbuild.ciLocal.mavenArgs=-Dazbuild.reproducible=true -Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString())
return true
