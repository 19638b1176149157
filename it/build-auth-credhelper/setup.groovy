// build pushes to the password registry with credentials from a docker credential helper (credHelpers), and never logs the password.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
def password = new File(System.getProperty('user.home'), '.azbuild/services/auth/password').text.trim()
def helper = new File(basedir, 'bin/docker-credential-azbit')
helper.parentFile.mkdirs()
helper.text = "#!/bin/sh\n[ \"\$1\" = get ] || exit 1\nread host\necho \"\$host\" >> ${basedir}/helper-calls.txt\n" +
    "printf '{\"ServerURL\":\"%s\",\"Username\":\"azbuild\",\"Secret\":\"${password}\"}' \"\$host\"\n"
helper.setExecutable(true)
new File(basedir, 'docker-config.json').text = '{"credHelpers":{"127.0.0.1:5002":"azbit"}}'
// the settings.xml server must not be what succeeds here: point this run at a prefix it can reach only via the helper
lib.useRegistry("127.0.0.1:5002/${lib.uniquePrefix('helper')}", "-Dazbuild.dockerConfig=${basedir}/docker-config.json")
return true
