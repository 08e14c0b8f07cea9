/**
 * The user side of the model: a simulated CPU that runs user threads on a booted kernel, and a
 * libsel4-like API to write their programs (docs/kernel-model.md, "The user side").
 *
 * <h2>Running a system</h2>
 * {@link sel4.user.Sim#boot} boots a kernel ({@link sel4.kernel.Boot}) and hands the root thread
 * to a {@link sel4.user.RootTask}, which performs the harness's set-up requests as real syscalls:
 * objects are retyped from the boot untypeds, threads are created with Untyped_Retype,
 * TCB_Configure, SchedControl_ConfigureFlags, TCB_SetSchedParams and TCB_Resume
 * ({@link sel4.user.ThreadBuilder}). All threads share the root CNode, so a CPtr is a root CNode
 * slot. {@link sel4.user.Sim#run()} runs until nothing can happen any more.
 *
 * <h2>Programs</h2>
 * A {@link sel4.user.Program} is a list of {@link sel4.user.Instruction}s; the program counter is
 * the NextIP register and FaultIP is the restart PC, so a thread the kernel leaves in Restart
 * re-executes its syscall instruction. Programs are written with {@link sel4.user.ProgramBuilder}:
 * Java lambdas over a {@link sel4.user.UserContext} for register and memory work, spins, faults,
 * and the stubs. Every program ends by suspending its own thread.
 *
 * <h2>Stubs and results</h2>
 * Each stub returns a {@link sel4.user.SyscallResult} that is filled in when the thread executes
 * the instruction after the trap. It exposes the raw registers and IPC-buffer words and checks the
 * returned message info against the invocation's {@link sel4.user.Expect}ation (label and length),
 * so a clobbered reply shows up as a length mismatch instead of being silently accepted.
 *
 * <h2>Time</h2>
 * One tick is one microsecond. Each instruction costs {@link sel4.user.Cpu#INSTRUCTION_TICKS}, a
 * spin its length, the kernel nothing. Interrupts are taken between instructions; device activity
 * is scheduled with {@link sel4.user.Sim#at}.
 */
package sel4.user;
