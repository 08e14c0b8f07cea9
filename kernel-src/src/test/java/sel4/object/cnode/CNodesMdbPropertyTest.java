// contract: any sequence of retype, copy, mint, move, swap and delete keeps the MDB a well-linked list in which the caps to one object stay contiguous below their untyped, as seL4's mdb invariants require.
package sel4.object.cnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import sel4.api.ExceptionT;
import sel4.api.ObjectTypes;
import sel4.kernel.CSpaceTestSupport;
import sel4.object.KernelObject;
import sel4.object.ObjectType;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ReplyCap;

class CNodesMdbPropertyTest {
    private static final int FIRST = 16;
    private static final int SLOTS = 24;

    /** One MDB operation on slots FIRST + a and FIRST + b. */
    record Op(int kind, int a, int b, int badge) {
        @Override
        public String toString() {
            String[] names = {"makeReplies", "makeEndpoints", "copy", "mint", "move", "swap", "delete"};
            return names[kind] + "(" + a + ", " + b + (kind == 3 ? ", badge " + badge : "") + ")";
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, SLOTS - 1),
                Arbitraries.integers().between(0, SLOTS - 1),
                Arbitraries.integers().between(1, 3)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void mdbStaysWellFormed(@ForAll("ops") List<Op> ops) {
        CSpaceTestSupport t = new CSpaceTestSupport();
        CNodes cn = t.k.cnodes;
        for (Op op : ops) {
            Cte a = t.slot(FIRST + op.a());
            Cte b = t.slot(FIRST + op.b());
            switch (op.kind()) {
                case 0, 1 -> {
                    int n = 1 + op.b() % 3;
                    // Retyping a used untyped without children would reset it first, which goes
                    // through preemption points (another module); the MDB does not need it.
                    boolean wouldReset = cn.ensureNoChildren(t.untypedSlot) == ExceptionT.EXCEPTION_NONE
                            && ((sel4.object.cap.UntypedCap) t.untypedSlot.cap).freeIndex() != 0;
                    if (!wouldReset && op.a() + n <= SLOTS && allEmpty(t, op.a(), n)) {
                        int type = op.kind() == 0 ? ObjectTypes.seL4_ReplyObject : ObjectTypes.seL4_EndpointObject;
                        t.make(t.untypedSlot, type, 0, FIRST + op.a(), n);
                    }
                }
                case 2 -> {
                    if (!(a.cap instanceof NullCap) && b.cap instanceof NullCap) {
                        cn.cteInsert(a.cap, a, b);
                    }
                }
                case 3 -> {
                    if (a.cap instanceof EndpointCap e && e.badge() == 0 && b.cap instanceof NullCap) {
                        Cap minted = t.k.objectType.updateCapData(false, op.badge(), a.cap);
                        cn.cteInsert(minted, a, b);
                    }
                }
                case 4 -> {
                    if (!(a.cap instanceof NullCap) && b.cap instanceof NullCap) {
                        cn.cteMove(a.cap, a, b);
                    }
                }
                case 5 -> {
                    if (!(a.cap instanceof NullCap) && !(b.cap instanceof NullCap)) {
                        cn.cteSwap(a.cap, a, b.cap, b);
                    }
                }
                default -> {
                    // Deleting a reply cap, or an endpoint cap that is not the last one, needs
                    // no other kernel module.
                    if (a.cap instanceof ReplyCap || (a.cap instanceof EndpointCap && !cn.isFinalCapability(a))) {
                        assertThat(cn.cteDelete(a, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);
                        assertThat(a.cap).isInstanceOf(NullCap.class);
                    }
                }
            }
            checkInvariants(t, op);
        }
    }

    private static boolean allEmpty(CSpaceTestSupport t, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (!(t.slot(FIRST + i).cap instanceof NullCap)) {
                return false;
            }
        }
        return true;
    }

    private static void checkInvariants(CSpaceTestSupport t, Op after) {
        List<Cte> all = List.of(t.root.slots);
        assertThat(CSpaceTestSupport.mdbLinkProblem(all)).as("links after %s", after).isNull();

        // Every cap the operations produced is in the untyped's list, below the untyped.
        List<Cte> list = CSpaceTestSupport.mdbListFrom(t.untypedSlot);
        assertThat(list.get(0)).isSameAs(t.untypedSlot);
        for (int i = FIRST; i < FIRST + SLOTS; i++) {
            Cte s = t.slot(i);
            if (!(s.cap instanceof NullCap)) {
                assertThat(list).as("slot %d in the untyped's MDB list after %s", i, after).contains(s);
                assertThat(t.k.cnodes.isMDBParentOf(t.untypedSlot, s)).isTrue();
            }
        }

        // Caps to one object form one contiguous run (mdb_chunked), which isFinalCapability relies on.
        Map<KernelObject, Integer> lastIndex = new IdentityHashMap<>();
        List<KernelObject> order = new ArrayList<>();
        for (int i = 1; i < list.size(); i++) {
            KernelObject o = ObjectType.capObject(list.get(i).cap);
            Integer prev = lastIndex.put(o, i);
            if (prev != null) {
                assertThat(prev).as("caps to %s contiguous after %s", o, after).isEqualTo(i - 1);
            }
            order.add(o);
        }
        // Finality agrees with counting the caps to the object.
        for (int i = 1; i < list.size(); i++) {
            KernelObject o = ObjectType.capObject(list.get(i).cap);
            long count = order.stream().filter(x -> x == o).count();
            assertThat(t.k.cnodes.isFinalCapability(list.get(i))).as("finality of %s after %s", list.get(i), after)
                    .isEqualTo(count == 1);
        }
    }
}
