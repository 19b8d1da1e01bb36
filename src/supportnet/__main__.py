from supportnet.cli import main

main()
