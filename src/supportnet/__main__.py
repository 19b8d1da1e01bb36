from supportnet.start import main

main()
