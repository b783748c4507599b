"""weiquan shared package: event/RPC contracts and the platform kit every service uses."""
