// build pushes to the password registry with credentials from a Maven settings.xml <server>, and never logs the password.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
lib.useRegistry("127.0.0.1:5002/${lib.uniquePrefix('auth')}", "-Dazbuild.dockerConfig=${basedir}/no-docker-config.json")
return true
