def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def error = lib.log().readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.endsWith('deploy runs only on the default branch main, not on branch feature;'
    + ' set -Dazbuild.deploy.allowBranch=true to deploy this branch anyway -> [Help 1]')
return true
