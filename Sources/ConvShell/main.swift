import Ops
print(Registry().names)
