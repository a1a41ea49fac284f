//===--- CompositeRecipesTests.swift ---------------------------------------===//
// Recipe rows of a cost table (CompositeRecipes) against hand-made primitive
// rows: each recipe's costs are Σ count × primitive.
//===----------------------------------------------------------------------===//
import Testing
import TosimCost
import TosimCostModel

@Suite("Composite recipes")
struct CompositeRecipesTests {
  @Test func recipeRowsSumTheirPrimitives() throws {
    let primitives = ArithmeticOperation.integerPrimitives.enumerated().map { index, op in
      CostRow(
        operation: op, unit: "x.\(op.rawValue)", recipe: [], transistorCount: 10, depth: 1, staticTOs: 10 * (index + 1),
        dynamicTOs: Double(index + 1), dynamicTOsStandardDeviation: 1, glitchTOs: 2 * Double(index + 1))
    }
    let rows = CompositeRecipes.rows(primitives: primitives, precision: 24)
    let exp = try #require(rows.first { $0.operation == .exp })
    let degree = CompositeRecipes.exponentialDegree(precision: 24)
    let names: [ArithmeticOperation] = exp.recipe.map { $0.operation }
    let counts: [Int] = exp.recipe.map { $0.count }
    #expect(names == [.add, .mul, .compare])
    #expect(counts == [degree + 3, degree + 2, 1])
    let expected: Int = (degree + 3) * 10 + (degree + 2) * 30 + 60
    #expect(exp.staticTOs == expected)
    let sigmoid = try #require(rows.first { $0.operation == .sigmoid })
    #expect(sigmoid.staticTOs == exp.staticTOs + 10 + 40)
    #expect(CompositeRecipes.exponentialDegree(precision: 4) < CompositeRecipes.exponentialDegree(precision: 53))
  }
}
