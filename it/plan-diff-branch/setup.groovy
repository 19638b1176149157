// Diff mode on a branch: the base is the merge-base with the default branch, and each module's decision names the changed file that matched its pattern.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initExample()
lib.git('checkout', '-q', '-b', 'feature/proto')
lib.write('libs/proto/src/ping.proto', 'syntax = "proto3";\nmessage Ping { string id = 1; string at = 2; }\n')
lib.commit('proto: add a field')
// an untracked file counts too when azbuild.head is not given
lib.write('services/worker/bin/new tool.sh', 'echo new\n')
return true
