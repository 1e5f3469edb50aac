using System.Diagnostics.CodeAnalysis;

namespace Descent.NN;

/// <summary>
/// The base of every layer, activation, loss and model: a function of a tensor that owns named parameters,
/// buffers and child modules, as <c>torch.nn.Module</c>.
/// </summary>
/// <remarks>
/// A subclass registers what it owns in its constructor with <see cref="RegisterParameter"/>,
/// <see cref="RegisterBuffer"/> and <see cref="RegisterModule{T}"/>. Registration order is the order of
/// <see cref="Parameters"/>, <see cref="NamedParameters"/> and <see cref="StateDict"/>, so a model that declares
/// the same members in the same order as its PyTorch counterpart has the same parameter order and state-dict
/// keys (<c>0.weight</c>, <c>fc1.bias</c>, …).
/// </remarks>
public abstract partial class Module
{
    private readonly OrderedDictionary<string, Parameter?> _parameters = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, Tensor?> _buffers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nonPersistentBuffers = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, Module> _modules = new(StringComparer.Ordinal);

    /// <summary>Whether the module is in training mode (the default) rather than evaluation mode.</summary>
    /// <remarks>Only some modules behave differently, e.g. <see cref="Dropout"/> is the identity in evaluation mode.</remarks>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the module's output for <paramref name="input"/>, recording the graph for autograd.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Sets training mode on this module and every descendant.</summary>
    /// <param name="mode">True for training mode, false for evaluation mode.</param>
    /// <returns>This module.</returns>
    public Module Train(bool mode = true)
    {
        IsTraining = mode;
        foreach (Module child in _modules.Values)
        {
            child.Train(mode);
        }
        return this;
    }

    /// <summary>Sets evaluation mode on this module and every descendant; the same as <c>Train(false)</c>.</summary>
    /// <returns>This module.</returns>
    public Module Eval() => Train(false);

    /// <summary>Clears the gradients of all parameters.</summary>
    /// <param name="setToNone">
    /// True (the default, as in PyTorch 2.x) sets each <see cref="Tensor.Grad"/> to null; false fills existing
    /// gradients with zeros.
    /// </param>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (Parameter parameter in Parameters())
        {
            if (parameter.Grad is not { } grad)
            {
                continue;
            }
            if (setToNone)
            {
                parameter.Grad = null;
            }
            else
            {
                using (Autograd.NoGrad())
                {
                    grad.AsSpan().Clear();
                }
            }
        }
    }

    /// <summary>
    /// The parameters of this module and (with <paramref name="recurse"/>) of its descendants, each once,
    /// in registration order, depth first.
    /// </summary>
    public IEnumerable<Parameter> Parameters(bool recurse = true) =>
        NamedParameters(recurse: recurse).Select(static entry => entry.Parameter);

    /// <summary>
    /// The parameters with their dotted names (<c>0.weight</c>, <c>fc1.bias</c>), each parameter once under
    /// the first name it is reached by, in the order of <see cref="Parameters"/>.
    /// </summary>
    /// <param name="prefix">Prepended, with a dot, to every name.</param>
    /// <param name="recurse">False lists only this module's own parameters.</param>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters(string prefix = "", bool recurse = true) =>
        NamedMembers(prefix, recurse, static module => module._parameters);

    /// <summary>The buffers of this module and (with <paramref name="recurse"/>) of its descendants, each once.</summary>
    public IEnumerable<Tensor> Buffers(bool recurse = true) =>
        NamedBuffers(recurse: recurse).Select(static entry => entry.Buffer);

    /// <summary>The buffers with their dotted names, each buffer once, persistent or not.</summary>
    /// <param name="prefix">Prepended, with a dot, to every name.</param>
    /// <param name="recurse">False lists only this module's own buffers.</param>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers(string prefix = "", bool recurse = true) =>
        NamedMembers(prefix, recurse, static module => module._buffers);

    /// <summary>The non-null entries of one member table of this module and its descendants, each object once under its first dotted name.</summary>
    private List<(string, T)> NamedMembers<T>(string prefix, bool recurse, Func<Module, OrderedDictionary<string, T?>> table)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var seen = new HashSet<T>(ReferenceEqualityComparer.Instance);
        var result = new List<(string, T)>();
        foreach ((string modulePrefix, Module module) in recurse ? NamedModules(prefix) : [(prefix, this)])
        {
            foreach ((string name, T? member) in table(module))
            {
                if (member is not null && seen.Add(member))
                {
                    result.Add((JoinName(modulePrefix, name), member));
                }
            }
        }
        return result;
    }

    /// <summary>The direct children, each once, in registration order.</summary>
    public IEnumerable<Module> Children() => NamedChildren().Select(static entry => entry.Module);

    /// <summary>The direct children with the names they were registered under, each child once.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        var result = new List<(string, Module)>();
        foreach ((string name, Module child) in _modules)
        {
            if (seen.Add(child))
            {
                result.Add((name, child));
            }
        }
        return result;
    }

    /// <summary>This module and all its descendants, each once, depth first (this module first).</summary>
    public IEnumerable<Module> Modules() => NamedModules().Select(static entry => entry.Module);

    /// <summary>
    /// This module (named <paramref name="prefix"/>, empty by default) and all its descendants with dotted
    /// names, each module once, depth first.
    /// </summary>
    public IEnumerable<(string Name, Module Module)> NamedModules(string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var result = new List<(string, Module)>();
        CollectModules(prefix, new HashSet<Module>(ReferenceEqualityComparer.Instance), result);
        return result;
    }

    /// <summary>Registers a learnable parameter under <paramref name="name"/>, or replaces the one registered there.</summary>
    /// <param name="name">The parameter's name within this module: not empty and without dots.</param>
    /// <param name="parameter">The parameter, or null to reserve the name (as an absent bias is in PyTorch).</param>
    /// <returns><paramref name="parameter"/>, for assigning to a field in one statement.</returns>
    [return: NotNullIfNotNull(nameof(parameter))]
    protected Parameter? RegisterParameter(string name, Parameter? parameter)
    {
        CheckName(name, "parameter", _parameters);
        _parameters[name] = parameter;
        return parameter;
    }

    /// <summary>
    /// Registers a tensor that is part of the module's state but not learnable (running statistics, class
    /// weights of a loss), or replaces the one registered under <paramref name="name"/>.
    /// </summary>
    /// <param name="name">The buffer's name within this module: not empty and without dots.</param>
    /// <param name="buffer">The tensor, or null to reserve the name.</param>
    /// <param name="persistent">False keeps the buffer out of <see cref="StateDict"/>.</param>
    /// <returns><paramref name="buffer"/>, for assigning to a field in one statement.</returns>
    [return: NotNullIfNotNull(nameof(buffer))]
    protected Tensor? RegisterBuffer(string name, Tensor? buffer, bool persistent = true)
    {
        CheckName(name, "buffer", _buffers);
        _buffers[name] = buffer;
        if (persistent)
        {
            _nonPersistentBuffers.Remove(name);
        }
        else
        {
            _nonPersistentBuffers.Add(name);
        }
        return buffer;
    }

    /// <summary>Registers a child module under <paramref name="name"/>, or replaces the one registered there.</summary>
    /// <param name="name">The child's name: not empty and without dots.</param>
    /// <param name="module">The child.</param>
    /// <returns><paramref name="module"/>, for assigning to a field in one statement.</returns>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name, "module", _modules);
        _modules[name] = module;
        return module;
    }

    /// <summary>The number of child modules registered directly on this module.</summary>
    private protected int ChildCount => _modules.Count;

    /// <summary>The child registered at <paramref name="index"/> in registration order.</summary>
    private protected Module ChildAt(int index) => _modules.GetAt(index).Value;

    private void CollectModules(string prefix, HashSet<Module> seen, List<(string, Module)> result)
    {
        if (!seen.Add(this))
        {
            return;
        }
        result.Add((prefix, this));
        foreach ((string name, Module child) in _modules)
        {
            child.CollectModules(JoinName(prefix, name), seen, result);
        }
    }

    private void CheckName<T>(string name, string kind, OrderedDictionary<string, T> own)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new ArgumentException($"A {kind} name can't be empty.", nameof(name));
        }
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A {kind} name can't contain \".\", got \"{name}\".", nameof(name));
        }
        bool takenByOther =
            (!ReferenceEquals(own, _parameters) && _parameters.ContainsKey(name)) ||
            (!ReferenceEquals(own, _buffers) && _buffers.ContainsKey(name)) ||
            (!ReferenceEquals(own, _modules) && _modules.ContainsKey(name));
        if (takenByOther)
        {
            throw new ArgumentException($"\"{name}\" is already registered on {GetType().Name} as something other than a {kind}.", nameof(name));
        }
    }

    private static string JoinName(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;
}
