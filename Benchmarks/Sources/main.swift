print("tributary-bench: see Benchmarks/README.md")
