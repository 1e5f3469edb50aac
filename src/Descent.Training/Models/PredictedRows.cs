namespace Descent.Training;

/// <summary>A saved model's predictions for some rows.</summary>
/// <param name="Rows">The number of rows.</param>
/// <param name="Values">
/// For a classifier the class probabilities (rows × classes, row-major, each row summing to 1); for a regressor the
/// predicted value of each row.
/// </param>
/// <param name="Classes">For a classifier the index of each row's most probable class; null for a regressor.</param>
public sealed record PredictedRows(int Rows, float[] Values, int[]? Classes);
