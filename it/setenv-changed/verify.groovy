def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def env = new File(basedir, 'target/azbuild/env.sh').text
assert env.contains("export AZBUILD_CI='circleci'")
assert env.contains("export AZBUILD_BRANCH='feature/login'")
assert env.contains("export AZBUILD_BRANCH_TAG='feature-login'")
assert env.contains("export AZBUILD_BASE='${lib.git('rev-parse', 'HEAD~1')}'")
assert env.contains("export AZBUILD_COMMIT='${lib.git('rev-parse', 'HEAD')}'")
def props = new Properties()
new File(basedir, 'target/azbuild/env.properties').withInputStream { props.load(it) }
assert props.AZBUILD_DEFAULT_BRANCH == 'main'
assert new File(basedir, 'target/bash_env').text.contains("export AZBUILD_BRANCH='feature/login'")
assert new File(basedir, 'target/web-changed.txt').text.trim() == 'false'
return true
