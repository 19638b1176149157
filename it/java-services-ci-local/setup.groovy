// ci-config's jobs build what a Maven-built image needs: ci-local runs the Java example's generated GitHub workflow (each job a fresh clone with an empty Maven repository), the build jobs package each service with its library (-am) before azbuild:build, and the deployed images run the services.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initJavaServices()
assert new File(repo.basedir, '.github/workflows/azbuild.yml').isFile() : 'the example commits its generated workflow'
repo.cloneTo('warm')
def prefix = lib.uniquePrefix('java-ci-local')
new File(basedir, 'prefix.txt').text = prefix
repo.useRegistry("127.0.0.1:5000/${prefix}", "-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
    "-Dazbuild.ciLocal.mavenArgs=-Dazbuild.reproducible=true -Dazbuild.deploy.stateDir=${new File(basedir, 'tfstate').absolutePath}".toString())
return true
