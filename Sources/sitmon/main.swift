print("sitmon")
