// A wrong registry password fails build with a one-line 401 naming the registry and the credentials' source, never the password.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
def auth = 'azbuild:not-the-Pa55word-xyz'.bytes.encodeBase64().toString()
new File(basedir, 'docker-config.json').text = "{\"auths\":{\"127.0.0.1:5002\":{\"auth\":\"${auth}\"}}}"
lib.useRegistry("127.0.0.1:5002/${lib.uniquePrefix('wrongpw')}", "-Dazbuild.dockerConfig=${basedir}/docker-config.json")
return true
