// Without the vector class, the sources compile and the tests run with no --add-modules at all.
def generated = new File(basedir, 'target/generated-sources/cnnc/com/example/nets')
assert new File(generated, 'LeNet5.java').isFile()
assert new File(generated, 'LeNet5Scalar.java').isFile()
assert !new File(generated, 'LeNet5Vector.java').exists()
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert !log.contains('incubat')
