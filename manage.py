#!/usr/bin/env python
from rolefit.__main__ import main

if __name__ == "__main__":
    main()
