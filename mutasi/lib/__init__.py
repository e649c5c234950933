"""Small helpers shared by the apps that are not a part of the domain."""
