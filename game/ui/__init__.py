"""Plaza's pygame-ce user interface: the app loop, screens and drawing widgets."""
