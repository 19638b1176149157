def log = new File(basedir, 'build.log').text
// Maven's own error, which troubleshooting.md explains: the edge that closes the cycle and the cycle
assert log.contains('The projects in the reactor contain a cyclic reference: Edge between')
assert log =~ /dev\.azbuild\.it:(app|base):1 --> dev\.azbuild\.it:(app|base):1 --> dev\.azbuild\.it:(app|base):1/
assert !log.contains('azbuild plan')
assert !new File(basedir, 'target/azbuild/plan.json').exists()
return true
