from supportnet import main

main()
