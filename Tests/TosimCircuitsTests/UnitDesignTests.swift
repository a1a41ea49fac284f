//===--- UnitDesignTests.swift ---------------------------------------------===//
// Unit names resolved into typed designs: the design lists of the catalogue,
// defaults, the `+adder` suffix, and the errors for unknown or misplaced
// designs (which must list the valid names).
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimFormats
import TosimNetlist
import _TosimTestSupport

@Suite("Unit designs")
struct UnitDesignTests {
  @Test("catalogue lists, default first")
  func lists() {
    let designs = Dictionary(uniqueKeysWithValues: UnitCatalog.operations.map { ($0.name, $0.designs) })
    #expect(UnitCatalog.operations.map(\.name) == [
      "add", "sub", "cmp", "scmp", "mul", "smul", "div", "sqrt", "inc", "lzc", "shl", "shr", "sar",
    ])
    #expect(designs["mul"] == ["dadda", "wallace", "array", "booth-dadda", "booth-wallace"])
    #expect(designs["add"] == [
      "ripple-carry", "carry-lookahead", "kogge-stone", "brent-kung", "sklansky", "carry-select", "carry-skip",
    ])
    #expect(designs["div"] == ["restoring", "non-restoring", "newton-raphson"])
    #expect(designs["sqrt"] == ["digit-recurrence", "newton-raphson"])
    #expect(designs["inc"] == [] && designs["shl"] == [])
  }

  @Test("names resolve once into typed designs")
  func resolve() throws {
    let product = try IntegerUnit(resolving: UnitName(parsing: "int12.smul:booth-dadda+brent-kung"))
    #expect(product.width == 12 && product.operation == .smul)
    #expect(product.design == .multiplier(Multipliers.Design(.boothDadda, finalAdder: .brentKung)))
    #expect(product.name.description == "int12.smul:booth-dadda+brent-kung")
    // Defaults: the first design of the family; the array keeps its ripple-carry final adder.
    #expect(try IntegerUnit(resolving: UnitName(parsing: "int8.add")).design == .adder(.rippleCarry))
    #expect(try IntegerUnit(resolving: UnitName(parsing: "int8.mul")).design
      == .multiplier(Multipliers.Design(.dadda, finalAdder: .koggeStone)))
    #expect(try IntegerUnit(resolving: UnitName(parsing: "int8.mul:array")).design
      == .multiplier(Multipliers.Design(.array, finalAdder: .rippleCarry)))
    #expect(try IntegerUnit(resolving: UnitName(parsing: "int8.lzc")).design == nil)
    // The typed initialiser names the unit by its design.
    #expect(try IntegerUnit(width: 8, operation: .div, design: .divider(.newtonRaphson)).name.description
      == "int8.div:newton-raphson")
  }

  @Test("a typed build equals the build from the name")
  func typedBuild() throws {
    let library = TestSupport.shippedLibrary
    let fromName = try UnitCatalog.build(UnitName(parsing: "int8.sub:sklansky"), library: library)
    let typed = try UnitCatalog.build(IntegerUnit(width: 8, operation: .sub, design: .adder(.sklansky)), library: library)
    #expect(typed.instances.count == fromName.instances.count && typed.transistorCount == fromName.transistorCount)
  }

  @Test("bad designs are InputErrors listing the valid names", arguments: [
    ("int8.add:bogus", "unknown add design 'bogus'; known: ripple-carry, carry-lookahead, kogge-stone"),
    ("int8.mul:dadda+nope", "unknown mul design 'dadda+nope'; known: dadda, wallace, array, booth-dadda, booth-wallace"),
    ("int8.sqrt:restoring", "unknown sqrt design 'restoring'; known: digit-recurrence, newton-raphson"),
    ("int8.inc:fast", "operation inc has no design variants"),
    ("int8.fma", "unknown operation 'fma' in unit int8.fma; known: add, sub, cmp"),
    ("int200.add", "width 200 of unit int200.add is outside 1…128"),
  ])
  func badDesigns(name: String, message: String) {
    #expect {
      try IntegerUnit(resolving: UnitName(parsing: name))
    } throws: { error in
      (error as? InputError)?.message.hasPrefix(message) == true
    }
  }

  @Test("a design of another family is refused")
  func wrongFamily() {
    #expect(throws: InputError.self) { try IntegerUnit(width: 8, operation: .add, design: .divider(.restoring)) }
    #expect(throws: InputError.self) { try IntegerUnit(width: 8, operation: .shl, design: .adder(.sklansky)) }
  }

  @Test("floating-point units offer every square root and all dividers but non-restoring")
  func floatingPointAcceptance() {
    #expect(Dividers.Design.allCases.filter { $0.floatingPointDesign == nil } == [.nonRestoring])
    #expect(Dividers.Design.newtonRaphson.floatingPointDesign == .newtonRaphson)
    #expect(SquareRoots.Design.allCases.map(\.floatingPointDesign) == [.digitRecurrence, .newtonRaphson])
  }
}
