import App
import Foundation
import NIOCore
import NIOPosix

@main
struct Entrypoint {
    static func main() async {
        // Swift concurrency runs on NIO's event loops (as Vapor's own template does): an async
        // handler or middleware no longer hops between the event loop and a second thread pool on
        // every request. Styr's slow work (PDF printing, imports) runs on the thread pool, not here.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        exit(await StyrMain.run(arguments: CommandLine.arguments))
    }
}
