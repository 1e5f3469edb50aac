using Descent.Cli;

return DescentCommand.Invoke(args);
